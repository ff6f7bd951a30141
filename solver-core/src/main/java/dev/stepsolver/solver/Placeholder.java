package dev.stepsolver.solver;
final class Placeholder { private Placeholder() {} }
