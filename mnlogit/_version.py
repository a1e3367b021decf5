"""The package's version, in a module of its own so that the objects it saves can record it
(see :class:`mnlogit._immutable.Immutable`) without importing the package's entry points."""

__version__ = "0.1.0"
