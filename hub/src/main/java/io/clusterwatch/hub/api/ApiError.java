package io.clusterwatch.hub.api;

/** The body of every error response: {@code {"error": "what was wrong"}} (docs/API.md). */
record ApiError(String error) {}
