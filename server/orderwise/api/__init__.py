"""The HTTP API under /api/v1: one module, one blueprint per resource."""
