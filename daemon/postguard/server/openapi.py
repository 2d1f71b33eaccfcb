"""OpenAPI 3.1 description of the daemon API, served at GET /v1/openapi.json.

A test checks that the paths and methods here are exactly the app's routes.
"""

from __future__ import annotations

from typing import Any

ERROR = {"$ref": "#/components/schemas/Error"}


def _error(description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": ERROR}}}


COMMON_ERRORS = {
    "400": _error("Malformed JSON, wrong types, empty post, bad image reference."),
    "401": _error("Missing or wrong bearer token (pair first)."),
    "403": _error("Wrong Host, a web page Origin, or an extension origin that is not paired."),
    "413": _error("Text, an image or the whole body is over the limit."),
    "408": _error("The body was not sent within the time limit (the connection is closed)."),
    "415": _error("Body is not application/json or multipart/form-data, or has a Content-Encoding."),
    "429": _error("Rate limit for this token; see Retry-After."),
}

FINDING = {
    "type": "object",
    "required": ["code", "severity", "message", "policy", "start", "end", "start_utf16", "end_utf16", "pupils"],
    "properties": {
        "code": {"type": "string", "examples": ["pupil.no_consent", "detail.phone", "image.no_consent"]},
        "severity": {"enum": ["info", "warn", "block"]},
        "message": {"type": "string", "description": "Plain English: what, why, what to do."},
        "policy": {"type": "string", "description": "The section of the school's policy."},
        "start": {"type": ["integer", "null"], "description": "Code-point offset; null for images."},
        "end": {"type": ["integer", "null"]},
        "start_utf16": {"type": ["integer", "null"], "description": "UTF-16 offset, for JavaScript."},
        "end_utf16": {"type": ["integer", "null"]},
        "pupils": {"type": "array", "items": {"type": "string"}, "description": "UPNs."},
        "image": {"type": "string", "description": "Image findings: the name sent."},
        "distance": {"type": "integer"},
        "reference_id": {"type": ["integer", "string"]},
        "candidates": {
            "type": "array",
            "description": "Pupils a person must choose between (an ambiguous name): ask, then send `resolved`.",
            "items": {
                "type": "object",
                "properties": {"pupil": {"type": "string"}, "name": {"type": "string"}, "class": {"type": "string"}},
            },
        },
    },
    "additionalProperties": True,
}

RESOLVED = {
    "type": "array",
    "maxItems": 100,
    "description": "Staff's choice for ambiguous names: the mention's code-point offsets as the finding gave "
    "them and a UPN from its `candidates`. That mention and later ones of the same name are that pupil.",
    "items": {
        "type": "object",
        "required": ["start", "end", "pupil"],
        "properties": {"start": {"type": "integer"}, "end": {"type": "integer"}, "pupil": {"type": "string"}},
    },
}

IMAGE_REF = {
    "type": "object",
    "required": ["name", "sha256"],
    "properties": {
        "name": {"type": "string", "maxLength": 255},
        "sha256": {"type": "string", "pattern": "^[0-9a-fA-F]{64}$"},
    },
}


CANDIDATE = {
    "type": "object",
    "required": ["pupil", "name", "class"],
    "properties": {"pupil": {"type": "string"}, "name": {"type": "string"}, "class": {"type": "string"}},
}
PICTURED = {
    "type": "array",
    "description": (
        "The staff member's answers about photos with people (image.faces): the pupils in a photo, "
        "or checked=true (no pupil without photo consent is in it)."
    ),
    "items": {
        "type": "object",
        "required": ["sha256"],
        "properties": {
            "sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
            "pupils": {"type": "array", "maxItems": 50, "items": {"type": "string"}},
            "checked": {"type": "boolean"},
        },
    },
}


def spec(server_url: str = "http://127.0.0.1:8765") -> dict[str, Any]:
    bearer: list[dict[str, list[str]]] = [{"bearer": []}]
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "PostGuard local daemon",
            "version": "1",
            "description": "Checks draft social-media posts on this computer. Loopback only; "
            "every endpoint except health needs the bearer token from pairing.",
        },
        "servers": [{"url": server_url}],
        "paths": {
            "/v1/health": {
                "get": {
                    "summary": "Is the daemon up; consent list state. No token, no personal data.",
                    "security": [],
                    "responses": {
                        "200": {
                            "description": "Up.",
                            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Health"}}},
                        }
                    },
                }
            },
            "/v1/pair": {
                "post": {
                    "summary": "Exchange a one-time code from `postguard pair` for the token.",
                    "security": [],
                    "requestBody": {
                        "required": True,
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "required": ["code"],
                                    "properties": {"code": {"type": "string"}},
                                }
                            }
                        },
                    },
                    "responses": {
                        "200": {
                            "description": "Paired; the caller's extension origin is recorded.",
                            "content": {
                                "application/json": {
                                    "schema": {"type": "object", "properties": {"token": {"type": "string"}}}
                                }
                            },
                        },
                        "400": COMMON_ERRORS["400"],
                        "403": _error("Wrong, used or expired code, or a web origin."),
                        "415": COMMON_ERRORS["415"],
                        "429": _error("Too many wrong codes; see Retry-After."),
                    },
                }
            },
            "/v1/check": {
                "post": {
                    "summary": "Check a draft post (text and images).",
                    "description": "Send image SHA-256s first as JSON; the answer lists `unknown_images`. "
                    "Re-send as multipart with only those files in `images` (filename = "
                    "name) and the others in `image_refs`.",
                    "security": bearer,
                    "requestBody": {
                        "required": True,
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "required": ["text"],
                                    "properties": {
                                        "text": {"type": "string", "maxLength": 20000},
                                        "images": {"type": "array", "maxItems": 10, "items": IMAGE_REF},
                                        "resolved": RESOLVED,
                                        "pictured": PICTURED,
                                    },
                                }
                            },
                            "multipart/form-data": {
                                "schema": {
                                    "type": "object",
                                    "required": ["text"],
                                    "properties": {
                                        "text": {"type": "string"},
                                        "images": {"type": "array", "items": {"type": "string", "format": "binary"}},
                                        "image_refs": {"type": "string", "description": "JSON list of {name, sha256}."},
                                        "resolved": {"type": "string", "description": "JSON: as `resolved` above."},
                                        "pictured": {"type": "string", "description": "JSON: as `pictured` in JSON."},
                                    },
                                }
                            },
                        },
                    },
                    "responses": {
                        "200": {
                            "description": "Checked.",
                            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/CheckResult"}}},
                        },
                        **COMMON_ERRORS,
                        "503": _error("Still starting, or too many checks queued."),
                        "504": _error("The check took longer than the time limit."),
                    },
                }
            },
            "/v1/pupils": {
                "get": {
                    "summary": "Roster matches for the pupil picker: up to 20 {pupil, name, class}.",
                    "security": bearer,
                    "parameters": [{"name": "q", "in": "query", "schema": {"type": "string", "maxLength": 100}}],
                    "responses": {
                        "200": {
                            "description": "Pupils on roll whose names start with the words typed.",
                            "content": {
                                "application/json": {
                                    "schema": {"type": "array", "maxItems": 20, "items": CANDIDATE},
                                }
                            },
                        },
                        **COMMON_ERRORS,
                    },
                }
            },
            "/v1/openapi.json": {
                "get": {
                    "summary": "This document.",
                    "security": bearer,
                    "responses": {"200": {"description": "OpenAPI 3.1 JSON."}, "401": COMMON_ERRORS["401"]},
                }
            },
        },
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "schemas": {
                "Error": {
                    "type": "object",
                    "required": ["error"],
                    "properties": {
                        "error": {
                            "type": "object",
                            "required": ["code", "message"],
                            "properties": {"code": {"type": "string"}, "message": {"type": "string"}},
                        }
                    },
                },
                "Finding": FINDING,
                "CheckResult": {
                    "type": "object",
                    "required": ["verdict", "findings", "consent_version", "unknown_images"],
                    "properties": {
                        "verdict": {"enum": ["ok", "info", "warn", "block"]},
                        "findings": {"type": "array", "items": {"$ref": "#/components/schemas/Finding"}},
                        "consent_version": {"type": "integer"},
                        "unknown_images": {
                            "type": "array",
                            "items": {"type": "string"},
                            "description": "SHA-256s to upload with multipart.",
                        },
                    },
                },
                "Health": {
                    "type": "object",
                    "properties": {
                        "status": {"const": "ok"},
                        "version": {"type": "string"},
                        "model_loaded": {"type": "boolean"},
                        "images_enabled": {"type": "boolean"},
                        "roster_size": {"type": "integer"},
                        "consent_version": {"type": "integer"},
                        "consent_changed_at": {"type": ["string", "null"]},
                        "consent_age_seconds": {"type": ["number", "null"]},
                        "demo_roster": {"type": "boolean"},
                        "consent_source": {
                            "type": "string",
                            "description": "'local', or the folder or https:// address of the followed list.",
                        },
                        "consent_published_at": {"type": ["string", "null"]},
                        "consent_stale": {
                            "type": "boolean",
                            "description": "Following, and no valid list read for 24 h or the list is over 7 days old.",
                        },
                        "consent_problem": {
                            "type": ["string", "null"],
                            "description": "The last refused or unreadable list, until a good one is read.",
                        },
                        "paired": {"type": "boolean"},
                    },
                },
            },
        },
    }
