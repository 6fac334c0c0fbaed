"""Knowledge: the one package that reads the data files under ontologies/, a module per kind of knowledge."""

from kg.knowledge.actors import KnownActor, KnownActors, known_actors
from kg.knowledge.evaluation import GoldLabel, label_mapping
from kg.knowledge.files import KnowledgeError, data_path, ontology_dir, slug
from kg.knowledge.gazetteer import GAZETTEER_COLUMNS, Gazetteer, gazetteer, gazetteer_types
from kg.knowledge.ingest import CleaningRules, EnglishCheck, cleaning_rules, english_check
from kg.knowledge.lexicon import Lexicon, Trigger, lexicon
from kg.knowledge.names import NameForms, name_forms
from kg.knowledge.namespaces import Namespaces, namespaces
from kg.knowledge.ontology import Relation, TurtleFile, entity_classes, shapes, vocabulary
from kg.knowledge.queries import PARAMETER_KINDS, WHERE_CLAUSE, NamedQuery, QueryParameter, named_queries
from kg.knowledge.titles import TitleRole, titles

__all__ = [
    "CleaningRules", "EnglishCheck", "GAZETTEER_COLUMNS", "Gazetteer", "GoldLabel", "KnowledgeError", "KnownActor",
    "KnownActors", "Lexicon", "NameForms", "NamedQuery", "Namespaces", "PARAMETER_KINDS", "QueryParameter",
    "Relation", "TitleRole", "Trigger", "TurtleFile", "WHERE_CLAUSE", "cleaning_rules", "data_path", "english_check",
    "entity_classes", "gazetteer", "gazetteer_types", "known_actors", "label_mapping", "lexicon", "name_forms",
    "named_queries", "namespaces", "ontology_dir", "shapes", "slug", "titles", "vocabulary",
]
