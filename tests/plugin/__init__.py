"""The pytest plugin and the assertion helpers of factcheck.testing."""
