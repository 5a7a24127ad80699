"""The command line: main.py parses and dispatches (the app, the projector, or a command without a
screen); store.py, io.py, scores.py, setup.py and sync.py add the commands; output.py holds the
exit codes and standard output's honest failures; words.py words argparse's own messages."""
