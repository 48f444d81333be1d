package io.switchboard.delivery;

/** Why an attempt failed, in the three columns a failed message carries, and whether trying again can help. */
record SendFailure(boolean retryable, String code, String title, String detail) {
}
