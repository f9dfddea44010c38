"""Deterministic span emitters used to build spantop's test fixtures.

Each emitter drives a real OpenTelemetry SDK tracer with explicit timestamps and
seeded ids, and returns the "truth" spantop should derive from what was exported.
"""
