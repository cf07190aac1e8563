"""The reference: today's resolver before the columnar engine (#12), kept as the tests' oracle."""
