"""The error every client call raises: the gRPC status with the details the platform sends."""

import grpc

from . import _stubs

_DETAILS_KEY = "grpc-status-details-bin"


class ApiError(Exception):
    """A call the platform refused or that failed on the way.

    `code` is the grpc.StatusCode; `field_violations` maps each invalid field to its problem (INVALID_ARGUMENT);
    `retry_delay` is the seconds to wait before trying again (RESOURCE_EXHAUSTED), else None.
    """

    def __init__(self, method, code, message, field_violations=None, retry_delay=None):
        super().__init__(f"{method} answered {code.name}: {message}")
        self.method = method
        self.code = code
        self.message = message
        self.field_violations = dict(field_violations or {})
        self.retry_delay = retry_delay

    @classmethod
    def from_rpc_error(cls, method, error):
        """Reads the status code, text and google.rpc details of a failed call."""
        code = error.code() if callable(getattr(error, "code", None)) else grpc.StatusCode.UNKNOWN
        message = error.details() if callable(getattr(error, "details", None)) else str(error)
        violations, retry_delay = {}, None
        trailers = error.trailing_metadata() if callable(getattr(error, "trailing_metadata", None)) else None
        for key, value in trailers or ():
            if key != _DETAILS_KEY:
                continue
            status = _stubs.status_details.Status.FromString(value)
            for detail in status.details:
                kind = detail.type_url.rsplit("/", 1)[-1]
                if kind == "google.rpc.BadRequest":
                    bad_request = _stubs.status_details.BadRequest.FromString(detail.value)
                    violations.update((v.field, v.description) for v in bad_request.field_violations)
                elif kind == "google.rpc.RetryInfo":
                    delay = _stubs.status_details.RetryInfo.FromString(detail.value).retry_delay
                    retry_delay = delay.seconds + delay.nanos / 1e9
        return cls(method, code or grpc.StatusCode.UNKNOWN, message or "", violations, retry_delay)
