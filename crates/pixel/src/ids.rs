//! Every finding id this crate can emit. Ids are stable: reports are compared across runs by id,
//! and docs/findings-pixel.md documents each one (a test keeps the two in step).

// Installation and loading.
pub const DETECTED: &str = "pixel-detected";
pub const NOT_FOUND: &str = "pixel-not-found";
pub const SDK_NOT_LOADED: &str = "pixel-sdk-not-loaded";
pub const INIT_MISSING: &str = "pixel-init-missing";
pub const SDK_URL_WRONG: &str = "pixel-sdk-url-wrong";
pub const SNIPPET_NOT_IN_HEAD: &str = "pixel-snippet-not-in-head";
pub const SNIPPET_DUPLICATED: &str = "pixel-snippet-duplicated";
pub const CONSENT_GATED_SCRIPT: &str = "pixel-consent-gated-script";
pub const COMMAND_UNKNOWN: &str = "pixel-command-unknown";
pub const SNIPPET_IN_SITE_FILE: &str = "pixel-snippet-in-site-file";
pub const SNIPPET_BROKEN: &str = "pixel-snippet-broken";
pub const SNIPPET_INCOMPLETE: &str = "pixel-snippet-incomplete";

// Pixel code that never runs.
pub const SNIPPET_IN_COMMENT: &str = "pixel-snippet-in-comment";
pub const SNIPPET_PARKED: &str = "pixel-snippet-parked";
pub const SNIPPET_AS_TEXT: &str = "pixel-snippet-as-text";
pub const SNIPPET_IN_NOSCRIPT: &str = "pixel-snippet-in-noscript";
pub const NOSCRIPT_ONLY: &str = "pixel-noscript-only";

// When calls run.
pub const CALL_BEFORE_SNIPPET: &str = "pixel-call-before-snippet";
pub const CALL_ORDER_UNCERTAIN: &str = "pixel-call-order-uncertain";
pub const EVENT_CONDITIONAL: &str = "pixel-event-conditional";
pub const STUB_BLOCKS_SNIPPET: &str = "pixel-stub-blocks-snippet";

// init.
pub const ID_MISSING: &str = "pixel-id-missing";
pub const ID_FORMAT: &str = "pixel-id-format";
pub const MULTIPLE_IDS: &str = "pixel-multiple-ids";
pub const INIT_DUPLICATED: &str = "pixel-init-duplicated";
pub const INIT_OPTION_UNKNOWN: &str = "pixel-init-option-unknown";
pub const DEBUG_ENABLED: &str = "pixel-debug-enabled";
pub const USER_RAW_PII: &str = "pixel-user-raw-pii";
pub const USER_HASH_MALFORMED: &str = "pixel-user-hash-malformed";
pub const USER_FIELD_UNKNOWN: &str = "pixel-user-field-unknown";
pub const CONSENT_AFTER_INIT: &str = "pixel-consent-after-init";
pub const MEASURE_SINGLE_UNKNOWN_PIXEL: &str = "pixel-measure-single-unknown-pixel";

// measure payloads.
pub const EVENT_NAME_INVALID: &str = "pixel-event-name-invalid";
pub const EVENT_NAME_DYNAMIC: &str = "pixel-event-name-dynamic";
pub const EVENT_DATA_MISSING: &str = "pixel-event-data-missing";
pub const EVENT_TYPE_MISMATCH: &str = "pixel-event-type-mismatch";
pub const DATA_FIELD_UNKNOWN: &str = "pixel-data-field-unknown";
pub const AMOUNT_NOT_INTEGER: &str = "pixel-amount-not-integer";
pub const AMOUNT_MAJOR_UNITS: &str = "pixel-amount-major-units";
pub const CURRENCY_MISSING: &str = "pixel-currency-missing";
pub const CURRENCY_INVALID: &str = "pixel-currency-invalid";
pub const QUANTITY_NOT_INTEGER: &str = "pixel-quantity-not-integer";
pub const CONTENTS_MALFORMED: &str = "pixel-contents-malformed";
pub const CONTENT_KEY_UNKNOWN: &str = "pixel-content-key-unknown";
pub const OPTION_IN_PROPS: &str = "pixel-option-in-props";
pub const OPTION_UNKNOWN: &str = "pixel-option-unknown";
pub const USER_IN_MEASURE: &str = "pixel-user-in-measure";
pub const CUSTOM_NAME_MISSING: &str = "pixel-custom-name-missing";
pub const CUSTOM_NAME_INVALID: &str = "pixel-custom-name-invalid";
pub const CUSTOM_NAME_UPPERCASE: &str = "pixel-custom-name-uppercase";
pub const CUSTOM_NAME_ON_STANDARD: &str = "pixel-custom-name-on-standard";

// Image tag.
pub const IMAGE_TAG_FOUND: &str = "pixel-image-tag-found";
pub const IMAGE_TAG_PID_MISSING: &str = "pixel-image-tag-pid-missing";
pub const IMAGE_TAG_PARAM_UNKNOWN: &str = "pixel-image-tag-param-unknown";
pub const IMAGE_TAG_PARAM_DUPLICATED: &str = "pixel-image-tag-param-duplicated";
pub const IMAGE_TAG_URL_WRONG: &str = "pixel-image-tag-url-wrong";

// Content-Security-Policy.
pub const CSP_BLOCKS_SDK: &str = "pixel-csp-blocks-sdk";
pub const CSP_BLOCKS_BEACONS: &str = "pixel-csp-blocks-beacons";
pub const CSP_BLOCKS_IMAGE_FALLBACK: &str = "pixel-csp-blocks-image-fallback";
pub const CSP_BLOCKS_CONFIG: &str = "pixel-csp-blocks-config";
pub const CSP_BLOCKS_INLINE_SNIPPET: &str = "pixel-csp-blocks-inline-snippet";

// Secrets and the server-side API.
pub const SECRET_EXPOSED: &str = "pixel-secret-exposed";
pub const CAPI_CALLED_FROM_BROWSER: &str = "pixel-capi-called-from-browser";

// Other platforms and funnels.
pub const TAG_MANAGER_DETECTED: &str = "pixel-tag-manager-detected";
pub const META_EVENT_UNMAPPED: &str = "pixel-meta-event-unmapped";
pub const GOOGLE_EVENT_UNMAPPED: &str = "pixel-google-event-unmapped";
pub const FUNNEL_EVENT_MISSING: &str = "pixel-funnel-event-missing";
pub const FUNNEL_EVENT_MALFORMED: &str = "pixel-funnel-event-malformed";

// The scan itself.
pub const SCRIPT_SYNTAX_ERROR: &str = "pixel-script-syntax-error";
pub const SCRIPT_NOT_EXAMINED: &str = "pixel-script-not-examined";
pub const RENDERED_CALL_UNREADABLE: &str = "pixel-rendered-call-unreadable";
pub const RENDERED_CHECK_FAILED: &str = "pixel-rendered-check-failed";
pub const EVENT_NOT_FIRED: &str = "pixel-event-not-fired";

/// Findings that say why pixel code in the page never runs; an event carrying one of these in
/// its problems is never sent.
pub const NEVER_RUNS: &[&str] = &[
    SNIPPET_IN_COMMENT,
    SNIPPET_PARKED,
    SNIPPET_AS_TEXT,
    SNIPPET_IN_NOSCRIPT,
];

/// All ids, for the catalogue test.
pub const ALL: &[&str] = &[
    DETECTED,
    NOT_FOUND,
    SDK_NOT_LOADED,
    INIT_MISSING,
    SDK_URL_WRONG,
    SNIPPET_NOT_IN_HEAD,
    SNIPPET_DUPLICATED,
    CONSENT_GATED_SCRIPT,
    COMMAND_UNKNOWN,
    SNIPPET_IN_SITE_FILE,
    SNIPPET_BROKEN,
    SNIPPET_INCOMPLETE,
    SNIPPET_IN_COMMENT,
    SNIPPET_PARKED,
    SNIPPET_AS_TEXT,
    SNIPPET_IN_NOSCRIPT,
    NOSCRIPT_ONLY,
    CALL_BEFORE_SNIPPET,
    CALL_ORDER_UNCERTAIN,
    EVENT_NOT_FIRED,
    EVENT_CONDITIONAL,
    STUB_BLOCKS_SNIPPET,
    ID_MISSING,
    ID_FORMAT,
    MULTIPLE_IDS,
    INIT_DUPLICATED,
    INIT_OPTION_UNKNOWN,
    DEBUG_ENABLED,
    USER_RAW_PII,
    USER_HASH_MALFORMED,
    USER_FIELD_UNKNOWN,
    CONSENT_AFTER_INIT,
    MEASURE_SINGLE_UNKNOWN_PIXEL,
    EVENT_NAME_INVALID,
    EVENT_NAME_DYNAMIC,
    EVENT_DATA_MISSING,
    EVENT_TYPE_MISMATCH,
    DATA_FIELD_UNKNOWN,
    AMOUNT_NOT_INTEGER,
    AMOUNT_MAJOR_UNITS,
    CURRENCY_MISSING,
    CURRENCY_INVALID,
    QUANTITY_NOT_INTEGER,
    CONTENTS_MALFORMED,
    CONTENT_KEY_UNKNOWN,
    OPTION_IN_PROPS,
    OPTION_UNKNOWN,
    USER_IN_MEASURE,
    CUSTOM_NAME_MISSING,
    CUSTOM_NAME_INVALID,
    CUSTOM_NAME_UPPERCASE,
    CUSTOM_NAME_ON_STANDARD,
    IMAGE_TAG_FOUND,
    IMAGE_TAG_PID_MISSING,
    IMAGE_TAG_PARAM_UNKNOWN,
    IMAGE_TAG_PARAM_DUPLICATED,
    IMAGE_TAG_URL_WRONG,
    CSP_BLOCKS_SDK,
    CSP_BLOCKS_BEACONS,
    CSP_BLOCKS_IMAGE_FALLBACK,
    CSP_BLOCKS_CONFIG,
    CSP_BLOCKS_INLINE_SNIPPET,
    SECRET_EXPOSED,
    CAPI_CALLED_FROM_BROWSER,
    TAG_MANAGER_DETECTED,
    META_EVENT_UNMAPPED,
    GOOGLE_EVENT_UNMAPPED,
    FUNNEL_EVENT_MISSING,
    FUNNEL_EVENT_MALFORMED,
    SCRIPT_SYNTAX_ERROR,
    SCRIPT_NOT_EXAMINED,
    RENDERED_CALL_UNREADABLE,
    RENDERED_CHECK_FAILED,
];
