package org.hrgateway.security;

import jakarta.enterprise.context.RequestScoped;

/** The caller of the request being served, as the edge verified it; read by the edge only. */
@RequestScoped
public class CurrentCaller {

    private Caller caller;

    public void set(Caller caller) {
        this.caller = caller;
    }

    /** Never null once the request passed authentication; a request that did not never gets here. */
    public Caller get() {
        if (caller == null) {
            throw new IllegalStateException("No verified caller: the request did not pass authentication");
        }
        return caller;
    }
}
