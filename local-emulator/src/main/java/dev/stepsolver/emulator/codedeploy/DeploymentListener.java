package dev.stepsolver.emulator.codedeploy;

/**
 * Hears every change of every deployment (status, lifecycle events, traffic weight), in order, on
 * one notification thread; a slow listener delays the ones after it, never a deployment.
 */
@FunctionalInterface
public interface DeploymentListener {

    void changed(Deployment deployment);
}
