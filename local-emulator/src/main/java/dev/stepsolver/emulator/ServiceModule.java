package dev.stepsolver.emulator;

import dev.stepsolver.emulator.http.ServiceRegistry;

/**
 * One emulated service: creates its backend (registering it in the context for other services),
 * and registers its wire endpoint and any data-plane routes. Modules are installed in order, so a
 * module may look up the backends of modules installed before it.
 */
public interface ServiceModule {

    void install(EmulatorContext context, ServiceRegistry registry);
}
