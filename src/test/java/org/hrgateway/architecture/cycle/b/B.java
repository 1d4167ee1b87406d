package org.hrgateway.architecture.cycle.b;

import org.hrgateway.architecture.cycle.a.A;

/** The other half of the deliberate package cycle of {@link A}. */
public class B {

    public A partner() {
        return new A();
    }
}
