"""The gRPC services, one module per contract service. Each module has `register(server, core) -> str`
(the full service name) and a servicer class whose methods take the request and return the response,
raising `CallwireError` for every failure (the interceptor turns it into the rich status)."""
