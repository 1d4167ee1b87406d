package org.hrgateway.architecture.cycle.a;

import org.hrgateway.architecture.cycle.b.B;

/** Half of a deliberate package cycle: ArchitectureTest checks that its rule reports it. */
public class A {

    public B partner() {
        return new B();
    }
}
