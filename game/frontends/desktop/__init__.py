"""The pygame desktop front end."""
