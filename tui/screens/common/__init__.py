"""What every panel shares: the panel base, the yes/no question, F1 help."""
