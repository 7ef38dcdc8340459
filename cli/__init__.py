"""The ilkg command line."""
