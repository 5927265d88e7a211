"""
Reviewing a run before trusting it: `--diff` on a terminal shows each change inside
its line, with its reason (`terminal`); `--report` writes one HTML page for a whole
run (`html_report`). Both read the changes of a `Result` traced back to lines of the
input (`trace`), identical changes folded (`fold`), hidden characters named
(`visible`).
"""
