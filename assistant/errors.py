"""User-facing errors: the CLI prints the message on one line and exits with code 2."""


class IpmsError(Exception):
    """Bad input or an unusable file; the message is shown to the user as is."""
