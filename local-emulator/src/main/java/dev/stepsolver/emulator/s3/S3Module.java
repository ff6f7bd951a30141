package dev.stepsolver.emulator.s3;

import dev.stepsolver.emulator.EmulatorContext;
import dev.stepsolver.emulator.ServiceModule;
import dev.stepsolver.emulator.http.ServiceRegistry;

public final class S3Module implements ServiceModule {
    @Override
    public void install(EmulatorContext context, ServiceRegistry registry) {
    }
}
