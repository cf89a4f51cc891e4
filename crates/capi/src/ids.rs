//! Every finding id this crate emits. Ids are stable and documented in docs/findings-capi.md
//! (a test keeps the two in step). Problems in an event's `data` use the pixel's own ids, since
//! the same rules apply to both.

// The file and the request.
pub const LINE_NOT_JSON: &str = "capi-line-not-json";
pub const NOT_A_REQUEST: &str = "capi-not-a-request";
pub const EVENTS_WRAPPER_MISSING: &str = "capi-events-wrapper-missing";
pub const BATCH_TOO_LARGE: &str = "capi-batch-too-large";
pub const BATCH_EMPTY: &str = "capi-batch-empty";
pub const ROOT_FIELD_INVALID: &str = "capi-root-field-invalid";
pub const USER_AT_ROOT: &str = "capi-user-at-root";
pub const PIXEL_ID_MISSING: &str = "capi-pixel-id-missing";
pub const SENT_FROM_BROWSER: &str = "capi-sent-from-browser";
pub const KEY_IN_PAYLOAD: &str = "capi-key-in-payload";
pub const ID_DUPLICATE: &str = "capi-id-duplicate";

// One event.
pub const EVENT_MALFORMED: &str = "capi-event-malformed";
pub const ID_MISSING: &str = "capi-id-missing";
pub const ID_INVALID: &str = "capi-id-invalid";
pub const TYPE_MISSING: &str = "capi-type-missing";
pub const TYPE_INVALID: &str = "capi-type-invalid";
pub const CUSTOM_NAME_MISSING: &str = "capi-custom-name-missing";
pub const CUSTOM_NAME_INVALID: &str = "capi-custom-name-invalid";
pub const CUSTOM_NAME_ON_STANDARD: &str = "capi-custom-name-on-standard";
pub const CUSTOM_NAME_UPPERCASE: &str = "capi-custom-name-uppercase";
pub const TIMESTAMP_MISSING: &str = "capi-timestamp-missing";
pub const TIMESTAMP_INVALID: &str = "capi-timestamp-invalid";
pub const TIMESTAMP_IN_SECONDS: &str = "capi-timestamp-in-seconds";
pub const TIMESTAMP_TOO_OLD: &str = "capi-timestamp-too-old";
pub const TIMESTAMP_IN_FUTURE: &str = "capi-timestamp-in-future";
pub const ACTION_SOURCE_INVALID: &str = "capi-action-source-invalid";
pub const APP_EVENT_SOURCE: &str = "capi-app-event-source";
pub const SOURCE_URL_MISSING: &str = "capi-source-url-missing";
pub const SOURCE_URL_INVALID: &str = "capi-source-url-invalid";
pub const SOURCE_URL_HAS_QUERY: &str = "capi-source-url-has-query";
pub const OPPREF_INVALID: &str = "capi-oppref-invalid";
pub const OPPREF_ALTERED: &str = "capi-oppref-altered";
pub const NO_MATCH_KEYS: &str = "capi-no-match-keys";
pub const OPT_OUT_INVALID: &str = "capi-opt-out-invalid";
pub const DATA_MISSING: &str = "capi-data-missing";
pub const FIELD_UNKNOWN: &str = "capi-field-unknown";

// The event's `user`.
pub const USER_INVALID: &str = "capi-user-invalid";
pub const USER_RAW_PII: &str = "capi-user-raw-pii";
pub const USER_HASH_MALFORMED: &str = "capi-user-hash-malformed";
pub const USER_HASH_OF_EMPTY: &str = "capi-user-hash-of-empty";
pub const USER_LIST_EXPECTED: &str = "capi-user-list-expected";
pub const USER_LIST_TOO_LONG: &str = "capi-user-list-too-long";
pub const USER_VALUE_INVALID: &str = "capi-user-value-invalid";
pub const USER_FIELD_UNSUPPORTED: &str = "capi-user-field-unsupported";
pub const USER_FIELD_UNKNOWN: &str = "capi-user-field-unknown";

/// Every id above, for the catalogue test.
pub const ALL: &[&str] = &[
    LINE_NOT_JSON,
    NOT_A_REQUEST,
    EVENTS_WRAPPER_MISSING,
    BATCH_TOO_LARGE,
    BATCH_EMPTY,
    ROOT_FIELD_INVALID,
    USER_AT_ROOT,
    PIXEL_ID_MISSING,
    SENT_FROM_BROWSER,
    KEY_IN_PAYLOAD,
    ID_DUPLICATE,
    EVENT_MALFORMED,
    ID_MISSING,
    ID_INVALID,
    TYPE_MISSING,
    TYPE_INVALID,
    CUSTOM_NAME_MISSING,
    CUSTOM_NAME_INVALID,
    CUSTOM_NAME_ON_STANDARD,
    CUSTOM_NAME_UPPERCASE,
    TIMESTAMP_MISSING,
    TIMESTAMP_INVALID,
    TIMESTAMP_IN_SECONDS,
    TIMESTAMP_TOO_OLD,
    TIMESTAMP_IN_FUTURE,
    ACTION_SOURCE_INVALID,
    APP_EVENT_SOURCE,
    SOURCE_URL_MISSING,
    SOURCE_URL_INVALID,
    SOURCE_URL_HAS_QUERY,
    OPPREF_INVALID,
    OPPREF_ALTERED,
    NO_MATCH_KEYS,
    OPT_OUT_INVALID,
    DATA_MISSING,
    FIELD_UNKNOWN,
    USER_INVALID,
    USER_RAW_PII,
    USER_HASH_MALFORMED,
    USER_HASH_OF_EMPTY,
    USER_LIST_EXPECTED,
    USER_LIST_TOO_LONG,
    USER_VALUE_INVALID,
    USER_FIELD_UNSUPPORTED,
    USER_FIELD_UNKNOWN,
];
