package dev.stepsolver.emulator.iam;

import dev.stepsolver.emulator.EmulatorContext;
import dev.stepsolver.emulator.ServiceModule;
import dev.stepsolver.emulator.http.ServiceRegistry;

public final class IamModule implements ServiceModule {
    @Override
    public void install(EmulatorContext context, ServiceRegistry registry) {
    }
}
