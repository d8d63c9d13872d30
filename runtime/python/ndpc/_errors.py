"""ndpc's exceptions. The C API says which kind of error it met; each kind is
a class here that also derives from the built-in exception a Python user
would catch for it (KeyError for an unknown name, ValueError for a value
that does not fit)."""


class Error(Exception):
    """Every error ndpc raises."""


class CompileError(Error):
    """The model did not compile. file, line, col and message locate the first
    error; diagnostics lists every (file, line, col, message); str() is
    ndpc's whole output (with the source lines and carets)."""

    def __init__(self, file, line, col, message, diagnostics=(), text=""):
        super().__init__(text or f"{file}:{line}:{col}: error: {message}")
        self.file, self.line, self.col, self.message = file, line, col, message
        self.diagnostics = list(diagnostics)


class RunError(Error, RuntimeError):
    """A run-time fault: a NaN or infinite state (naming population, neuron and
    step), a missing or damaged file, a full population."""


class UnknownName(Error, KeyError):
    """A population, value, projection or param the model does not have; the
    message lists the names it has."""

    def __str__(self):  # KeyError would quote the message
        return str(self.args[0]) if self.args else ""


class BadValue(Error, ValueError):
    """A value that does not fit: an array's shape, a param outside its type's
    range, an argument of the simulator."""


_BY_KIND = {1: RunError, 2: UnknownName, 3: BadValue, 4: BadValue}


def error_class(kind):
    """The class for the C API's error kind (ndp/abi.h's NDP_ERR_...)."""
    return _BY_KIND.get(kind, RunError)
