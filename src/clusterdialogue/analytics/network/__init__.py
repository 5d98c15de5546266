"""Where the network's territories overlap: joint opportunities and shared specialisations."""
