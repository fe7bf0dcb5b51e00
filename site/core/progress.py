"""Progress bars (tqdm) on a management command's stderr."""

from tqdm import tqdm


class RawStream:
    """A command's OutputWrapper (`self.stderr`) as the plain stream tqdm expects: text
    goes out as written, without the newline and style the wrapper adds to a message, so
    the bar redraws in place. Goes through the wrapper's public write() and flush()."""

    def __init__(self, wrapper):
        self.wrapper = wrapper

    def write(self, text):
        self.wrapper.write(text, style_func=str, ending="")

    def flush(self):
        self.wrapper.flush()


def progress_bar(command, **options):
    """A tqdm bar written to `command`'s stderr (what call_command(stderr=…) captures)."""
    return tqdm(file=RawStream(command.stderr), **options)
