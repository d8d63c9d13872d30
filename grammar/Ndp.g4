// The NDP language, version 0 (docs/language.md is the reference; this grammar is
// the single source of truth for its syntax).
//
// Soft keywords: option words and context names are tokens of their own so that the
// rules below can name them, but `ident` accepts every one of them, so a user may
// still declare `population p: Cell[4]` or `fn hebb(pre: f32, post: f32)`.
// Each option list ends with a catch-all alternative: an unknown or malformed option
// parses, and the AST builder reports it with a suggestion instead of ANTLR's text.
grammar Ndp;

// ---------------------------------------------------------------- declarations

file : decl* EOF ;

decl
  : modelDecl
  | importDecl
  | paramDecl
  | fnDecl
  | neuronDecl
  | synapseDecl
  | populationDecl
  | memoryDecl
  | projectDecl
  | attendDecl
  | growDecl
  | pruneDecl
  | runDecl
  ;

modelDecl  : MODEL ident ';' ;
importDecl : IMPORT STRING ';' ;
paramDecl  : PARAM ident ':' typeRef ('=' expr | FROM STRING) ';' ;

fnDecl     : FN ident '(' (fnParam (',' fnParam)*)? ')' ('->' typeRef)? '=' expr ';' ;
fnParam    : ident (':' typeRef)? ;

typeRef    : ident ('[' expr ']' ('[' expr ']')?)? ;

neuronDecl : NEURON ident '{' neuronMember* '}' ;
neuronMember
  : stateDecl                                           # stateMember
  | INPUT ident (':' typeRef)? ';'                      # inputMember
  | CHANNEL ident (':' typeRef)? ';'                    # channelMember
  | OUT ident (':' typeRef)? '=' expr ';'               # outMember
  | onStep                                              # onStepMember
  | SPIKE WHEN expr (block | ';')                       # spikeMember
  ;

stateDecl  : STATE ident (':' typeRef)? ('=' expr)? ';' ;
onStep     : ON STEP block ;

synapseDecl : SYNAPSE ident '{' synapseMember* '}' ;
synapseMember
  : stateDecl                                           # synStateMember
  | MULTIPLICITY expr ';'                               # multiplicityMember
  | TRANSMIT ident? '=' expr ';'                        # transmitMember
  | onStep                                              # synOnStepMember
  ;

block : '{' stmt* '}' ;
stmt
  : expr '=' expr ';'                                   # assignStmt
  | SPLIT ';'                                           # splitStmt
  ;

populationDecl : POPULATION ident ':' ident '[' expr ']' ('{' popOption* '}' | ';') ;
popOption
  : MAX expr ';'                                        # maxOption
  | IMPORTANCE_DECAY expr ';'                           # decayOption
  | ident (~(';' | '}'))* ';'                           # unknownPopOption
  ;

memoryDecl : MEMORY ident ':' ident '[' expr ']' ('{' memoryOption* '}' | ';') ;
memoryOption
  : KEY FROM expr ';'                                   # keyOption
  | VALUE TO expr ';'                                   # valueOption
  | SPARSITY expr ';'                                   # sparsityOption
  | WRITE WHEN expr ';'                                 # writeOption
  | IMPORTANCE_DECAY expr ';'                           # memDecayOption
  | ident (~(';' | '}'))* ';'                           # unknownMemoryOption
  ;

projectDecl : PROJECT ident '->' ident ':' ident ('{' projectOption* '}' | ';') ;
projectOption
  : FANIN expr ';'                                      # faninOption
  | P expr ';'                                          # probOption
  | ALL ';'                                             # allOption
  | ONE_TO_ONE ';'                                      # oneToOneOption
  | FROM expr ';'                                       # fromOption
  | ident (~(';' | '}'))* ';'                           # unknownProjectOption
  ;

attendDecl : ATTEND ident '{' attendOption* '}' ;
attendOption
  : EMBEDDING ident ';'                                 # embeddingOption
  | HEADS expr ';'                                      # headsOption
  | EDGE_DIM expr ';'                                   # edgeDimOption
  | OVER ident ';'                                      # overOption
  | EVERY expr ';'                                      # attendEveryOption
  | CONNECT TOPK expr (WHEN expr)? ';'                  # topkOption
  | ident (~(';' | '}'))* ';'                           # unknownAttendOption
  ;

growDecl : GROW ident EVERY expr '{' growRule* '}' ;
growRule
  : REMOVE WHEN expr ';'                                # removeRule
  | DIVIDE WHEN expr block                              # divideRule
  | CONNECT WHEN expr ':' ident ';'                     # connectRule
  | ident (~(';' | '}'))* ';'                           # unknownGrowRule
  ;

pruneDecl : PRUNE ident WHEN expr (FOR expr)? ';' ;

runDecl : RUN '{' runItem* '}' ;
runItem
  : SEED expr ';'                                       # seedItem
  | STEPS expr ';'                                      # stepsItem
  | DT expr ';'                                         # dtItem
  | FEED expr FROM expr ';'                             # feedItem
  | RECORD expr (EVERY expr)? TO expr ';'               # recordItem
  | SNAPSHOT EVERY expr TO expr ';'                     # snapshotItem
  | CHECKPOINT EVERY expr TO expr ';'                   # checkpointItem
  | REPORT expr (',' expr)* ';'                         # reportItem
  | ident (~(';' | '}'))* ';'                           # unknownRunItem
  ;

// ---------------------------------------------------------------- expressions
// C precedence; `and`/`or` are C's `&&`/`||`; `?:` is lowest and right-associative.
// `&&`, `||` and `^` are lexed so that the AST builder can say what to write instead.

expr
  : primary                                             # primaryExpr
  | expr '.' ident                                      # memberExpr
  | expr '[' expr ']'                                   # indexExpr
  | op=('-' | '!') expr                                 # unaryExpr
  | expr op=('*' | '/' | '%' | '@') expr                # mulExpr
  | expr op=('+' | '-') expr                            # addExpr
  | expr op=('<' | '<=' | '>' | '>=') expr              # relExpr
  | expr op=('==' | '!=') expr                          # eqExpr
  | expr op=(AND | '&&') expr                           # andExpr
  | expr op=(OR | '||') expr                            # orExpr
  | <assoc=right> expr '?' expr ':' expr                # condExpr
  ;

primary
  : NUMBER                                              # numberLit
  | STRING                                              # stringLit
  | (TRUE | FALSE)                                      # boolLit
  | ident '(' (arg (',' arg)*)? ')'                     # callExpr
  | ident                                               # nameExpr
  | '(' expr ')'                                        # parenExpr
  ;

arg : (ident '=')? expr ;

ident
  : ID
  | FANIN | P | ALL | ONE_TO_ONE | MAX | IMPORTANCE_DECAY | KEY | VALUE | SPARSITY
  | WRITE | FROM | TO | EMBEDDING | HEADS | EDGE_DIM | OVER | EVERY | TOPK | WHEN
  | FOR | SEED | STEPS | DT | FEED | RECORD | SNAPSHOT | CHECKPOINT | REPORT | STEP | REMOVE
  ;

// ---------------------------------------------------------------- lexer

// Reserved words.
MODEL : 'model' ;  IMPORT : 'import' ;  PARAM : 'param' ;  FN : 'fn' ;
NEURON : 'neuron' ;  SYNAPSE : 'synapse' ;  POPULATION : 'population' ;
MEMORY : 'memory' ;  PROJECT : 'project' ;  ATTEND : 'attend' ;  GROW : 'grow' ;
PRUNE : 'prune' ;  RUN : 'run' ;  STATE : 'state' ;  INPUT : 'input' ;
CHANNEL : 'channel' ;  OUT : 'out' ;  ON : 'on' ;  SPIKE : 'spike' ;
DIVIDE : 'divide' ;  CONNECT : 'connect' ;  SPLIT : 'split' ;
TRANSMIT : 'transmit' ;  MULTIPLICITY : 'multiplicity' ;
TRUE : 'true' ;  FALSE : 'false' ;  AND : 'and' ;  OR : 'or' ;

// Soft keywords (also accepted by `ident`).
FANIN : 'fanin' ;  P : 'p' ;  ALL : 'all' ;  ONE_TO_ONE : 'one_to_one' ;  MAX : 'max' ;
IMPORTANCE_DECAY : 'importance_decay' ;  KEY : 'key' ;  VALUE : 'value' ;
SPARSITY : 'sparsity' ;  WRITE : 'write' ;  FROM : 'from' ;  TO : 'to' ;
EMBEDDING : 'embedding' ;  HEADS : 'heads' ;  EDGE_DIM : 'edge_dim' ;  OVER : 'over' ;
EVERY : 'every' ;  TOPK : 'topk' ;  WHEN : 'when' ;  FOR : 'for' ;  SEED : 'seed' ;
STEPS : 'steps' ;  DT : 'dt' ;  FEED : 'feed' ;  RECORD : 'record' ;
SNAPSHOT : 'snapshot' ;  CHECKPOINT : 'checkpoint' ;  REPORT : 'report' ;  STEP : 'step' ;
REMOVE : 'remove' ;

ID     : [A-Za-z_] [A-Za-z0-9_]* ;
NUMBER : [0-9]+ ('.' [0-9]+)? ([eE] [+-]? [0-9]+)? ;
STRING : '"' ( '\\' ~[\r\n] | ~["\\\r\n] )* '"' ;

LINE_COMMENT  : '//' ~[\r\n]* -> skip ;
BLOCK_COMMENT : '/*' .*? '*/' -> skip ;
WS            : [ \t\r\n\f]+ -> skip ;

// Error tokens: the AST builder turns each into a message of its own. They can only
// win the longest match when the well-formed token cannot match at all.
UNTERMINATED_COMMENT : '/*' ( ~'*' | '*'+ ~[*/] )* '*'* EOF ;
UNTERMINATED_STRING  : '"' ( '\\' ~[\r\n] | ~["\\\r\n] )* ;
BAD_NUMBER           : [0-9]+ ('.' [0-9]+)? [eE] [+-]? | [0-9]+ '.' ;
STRAY                : . ;
