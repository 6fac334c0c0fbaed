"""Benchmark of kg: corpus generator, build throughput against bare spaCy, query latencies."""
