"""Additions to moto for the emulator deploy (see cognito.py)."""
