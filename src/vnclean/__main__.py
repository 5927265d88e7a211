"""`python -m vnclean` runs the command-line tool."""

from vnclean.cli import main

if __name__ == "__main__":
    main()
