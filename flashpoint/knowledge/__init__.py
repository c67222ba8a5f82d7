"""Knowledge bases the stages look names up in: the actor tables and the gazetteer.
Imports no stage."""
