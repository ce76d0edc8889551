package dev.chorus.client;

import java.util.List;

/**
 * The broker answered, and said no: a PUBACK or SUBACK with a reason code of 0x80 or more, typically
 * 0x87 "not authorized" from the ACL. Paho reports these as success; {@link ChorusClient} does not.
 */
public final class RefusedException extends ChorusClientException {

    private final List<String> refusedFilters;

    RefusedException(final String message, final int reasonCode, final List<String> refusedFilters) {
        super(message, reasonCode, null);
        this.refusedFilters = List.copyOf(refusedFilters);
    }

    /** Never: a refusal of a publish or subscription is not one of the login. */
    @Override
    public boolean loginRefused() {
        return false;
    }

    /** For a refused subscription: the filters the broker refused (the others were granted). Empty for a publish. */
    public List<String> refusedFilters() {
        return refusedFilters;
    }
}
