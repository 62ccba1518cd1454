"""The command line: parse arguments, resolve names, query, show, set the exit code.

The installed ``rca`` runs `rca.cli.main.main`, which imports only the module of the
command it runs; `rca.cli.main.every_command` gives the app with all of them.
"""
