"""The cooperation's "Erscheinungsbild": logo, accent colour, footer, Office templates."""
