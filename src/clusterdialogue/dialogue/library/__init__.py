"""The policy and practice library: the territories' cluster policy instruments and cases."""
