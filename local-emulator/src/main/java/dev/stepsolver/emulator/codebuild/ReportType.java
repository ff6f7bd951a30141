package dev.stepsolver.emulator.codebuild;

/** The two kinds of report group. */
public enum ReportType { TEST, CODE_COVERAGE }
