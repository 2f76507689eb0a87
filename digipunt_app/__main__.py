import sys

from digipunt_app.cli import main

sys.exit(main())
