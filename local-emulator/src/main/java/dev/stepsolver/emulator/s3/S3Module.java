package dev.stepsolver.emulator.s3;

import dev.stepsolver.emulator.EmulatorContext;
import dev.stepsolver.emulator.ServiceModule;
import dev.stepsolver.emulator.http.ServiceRegistry;

/** S3 over REST-XML. */
public final class S3Module implements ServiceModule {

    @Override
    public void install(EmulatorContext context, ServiceRegistry registry) {
        S3Backend backend = new S3Backend(context.clock(), context.state());
        context.registerBackend(S3Backend.class, backend);
        registry.addEndpoint(new S3Endpoint(backend));
    }
}
