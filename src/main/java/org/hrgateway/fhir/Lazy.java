package org.hrgateway.fhir;

import java.util.function.Supplier;

/**
 * A value made on first use, once, whichever thread asks first: for the HAPI machinery (FHIRPath
 * engines, validators, definitions) that costs seconds to build and must not be built at start.
 */
public final class Lazy<T> implements Supplier<T> {

    private final Supplier<T> make;
    private volatile T value;

    public Lazy(Supplier<T> make) {
        this.make = make;
    }

    @Override
    public T get() {
        T current = value;
        if (current == null) {
            synchronized (this) {
                if (value == null) {
                    value = make.get();
                }
                current = value;
            }
        }
        return current;
    }
}
