package org.hrgateway.tools.demo;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/** `load-demo`: loads the synthetic province into a running FHIR server. */
@Command(name = "load-demo", mixinStandardHelpOptions = true,
        description = "Load the synthetic Shandong province (institutions, patients, lab results) into a running FHIR R4 server.")
public final class LoadDemoCommand implements Callable<Integer> {

    @Option(names = "--base", paramLabel = "URL", defaultValue = "http://localhost:8080/fhir",
            description = "FHIR base (default: ${DEFAULT-VALUE})")
    String base;

    @Option(names = "--patients", paramLabel = "N", defaultValue = "50",
            description = "patients to generate and load (default: ${DEFAULT-VALUE})")
    int patients;

    @Override
    public Integer call() {
        return DemoLoader.load(base, patients, System.out);
    }
}
