"""Endpoint classes, one sync and one async per API family."""
