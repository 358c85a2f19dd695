"""Tests of bench/: the synthetic store the benchmark builds."""
