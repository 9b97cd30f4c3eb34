"""kgraph: who-did-what-to-whom knowledge graphs from news, with spaCy and Cypher."""

__version__ = "0.1.0"
