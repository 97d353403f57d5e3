"""Helpers of the mutation tests (issue 5): a seeded generator of damaged workbooks."""
