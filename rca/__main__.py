try:
    from rca.cli.main import main
except KeyboardInterrupt:  # before rca could set up its own handling
    raise SystemExit(130) from None

main()
