"""Benchmarks of the SDK against raw httpx, aiohttp, ofsc 2.x and openapi-python-client.

``make bench`` (``python -m benchmarks``) runs them all against a loopback OFS-like server
(:mod:`benchmarks.server`) and writes ``benchmarks/RESULTS.md``; see :mod:`benchmarks.run`.
"""
