"""Moving profiles in and out: the imports, the downloads and the generated example data."""
