"""Errors a service raises for the person who asked for something impossible."""


class ServiceError(Exception):
    """A request that cannot be carried out as asked; the message says why and what to do."""
