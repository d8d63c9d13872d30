// REQUIRES: codegen
// RUN: %ndp-opt %s -split-input-file -verify-diagnostics
// The verifiers of the ndp ops.

// expected-error @+1 {{region 'update' yields ('f64') but ('f32') is expected}}
ndp.neuron @N states [#ndp.var<"v" : f32>] inputs [] channels [] outputs []
init {
  %z = arith.constant 0.0 : f32
  ndp.yield %z : f32
} out {
} update {
  %z = arith.constant 0.0 : f64
  ndp.yield %z : f64
} spike {
} reset {
}

// -----

// expected-error @+1 {{has a 'reset' region but no 'spike' region}}
ndp.neuron @N states [] inputs [] channels [] outputs []
init {
  ndp.yield
} out {
} update {
  ndp.yield
} spike {
} reset {
  ndp.yield
}

// -----

// expected-error @+1 {{'v' is declared twice}}
ndp.neuron @N states [#ndp.var<"v" : f32>] inputs ["v"] channels [] outputs []
init {
  %z = arith.constant 0.0 : f32
  ndp.yield %z : f32
} out {
} update {
  %z = arith.constant 0.0 : f32
  ndp.yield %z : f32
} spike {
} reset {
}

// -----

ndp.neuron @N states [#ndp.var<"v" : f32>] inputs [] channels [] outputs []
init {
  %z = arith.constant 0.0 : f32
  ndp.yield %z : f32
} out {
} update {
  // expected-error @+1 {{neuron type @N has no state 'w'}}
  %w = ndp.read self state "w" : f32
  ndp.yield %w : f32
} spike {
} reset {
}

// -----

ndp.neuron @N states [#ndp.var<"v" : f32>] inputs [] channels [] outputs []
init {
  %z = arith.constant 0.0 : f32
  ndp.yield %z : f32
} out {
} update {
  // expected-error @+1 {{reads 'f32' as 'f64'}}
  %w = ndp.read self state "v" : f64
  %z = arith.constant 0.0 : f32
  ndp.yield %z : f32
} spike {
} reset {
}

// -----

// expected-error @+1 {{synapse state must be scalar}}
ndp.synapse @S states [#ndp.var<"w" : vector<2xf32>>] multiplicity 1 channel "in"
init {
  %z = arith.constant dense<0.0> : vector<2xf32>
  ndp.yield %z : vector<2xf32>
} transmit {
} update {
  %z = arith.constant dense<0.0> : vector<2xf32>
  ndp.yield %z : vector<2xf32>
}

// -----

ndp.synapse @S states [] multiplicity 1 channel "in"
init {
  ndp.yield
} transmit {
  // expected-error @+1 {{a synapse reads only its own state}}
  %v = ndp.read self input "x" : f32
  ndp.yield %v : f32
} update {
  ndp.yield
}

// -----

// expected-error @+1 {{size must be at least 1}}
ndp.population @p : @N[0] max 0 decay 0.5

// -----

// expected-error @+1 {{max (2) is below size (4)}}
ndp.population @p : @N[4] max 2 decay 0.5

// -----

module {
  // expected-error @+1 {{type @Missing is not an ndp.neuron}}
  ndp.population @p : @Missing[4] max 4 decay 0.5
}

// -----

// expected-error @+1 {{'fanin' needs a fanin of at least 1}}
ndp.projection @q @a -> @a : @S fanin

// -----

// expected-error @+1 {{'p' needs a probability in [0, 1]}}
ndp.projection @q @a -> @a : @S p p 1.5

// -----

// expected-error @+1 {{an event-driven projection cannot be fused}}
ndp.projection @q @a -> @a : @S all {event_driven, fused}

// -----

%a = arith.constant 0.0 : f64
// expected-error @+1 {{normal takes 2 arguments}}
%r = ndp.rand normal(%a) site 1 : f32

// -----

%a = arith.constant 0.5 : f64
// expected-error @+1 {{bernoulli draws an i1, the others an f32 or a vector of f32}}
%r = ndp.rand bernoulli(%a) site 1 : f32

// -----

// expected-error @+1 {{'step' is an i32}}
%s = ndp.clock step : f32

// -----

module {
  ndp.param @eta : f64 = 1.0
  // expected-error @+1 {{param @eta is 'f64', not 'f32'}}
  %p = ndp.param_ref @eta : f32
}

// -----

// expected-error @+1 {{param type must be f32, f64, i32 or i1, not 'i64'}}
ndp.param @n : i64 = 1.0

// -----

// expected-error @+1 {{an array param is vector<R x f32> or vector<R x C x f32>, not 'vector<2x2xf64>'}}
ndp.param @m : vector<2x2xf64> = 0.0

// -----

// expected-error @+1 {{only an array param is drawn or read from a file}}
ndp.param @s : f32 = 0.0 {file = "s.npy"}

// -----

// expected-error @+1 {{a drawn param needs 'spread'}}
ndp.param @d : vector<4xf32> = 0.0 {dist = #ndp<distribution normal>}

// -----

module {
  ndp.param @W : vector<3x4xf32> = 0.0
  %x = arith.constant dense<1.0> : vector<3xf32>
  // expected-error @+1 {{multiplies 'vector<3x4xf32>' by 'vector<3xf32>' into 'vector<3xf32>'}}
  %y = ndp.matvec @W(%x) : vector<3xf32> -> vector<3xf32>
}

// -----

module {
  ndp.param @b : vector<4xf32> = 0.0
  %i = arith.constant 0 : i32
  // expected-error @+1 {{param @b is 'vector<4xf32>', not a matrix}}
  %r = ndp.param_row @b[%i] : vector<4xf32>
}

// -----

ndp.run seed 0 steps 1 dt 1.0 {
  // expected-error @+1 {{needs exactly one of 'file' and 'task'}}
  ndp.feed @a "x"
}

// -----

module {
  ndp.synapse @S states [#ndp.var<"w" : f32>] multiplicity 1 channel "in" init {
    %z = arith.constant 0.0 : f32
    ndp.yield %z : f32
  } transmit {
  } update {
    %z = arith.constant 0.0 : f32
    ndp.yield %z : f32
  }
  ndp.run seed 0 steps 1 dt 1.0 {
    // expected-error @+1 {{synapse type @S has no state 'v'}}
    ndp.record_synapses @S "v" every 1 to "v.npz"
  }
}

// -----

module {
  ndp.neuron @N states [#ndp.var<"v" : f32>] inputs [] channels [] outputs []
  init {
    %z = arith.constant 0.0 : f32
    ndp.yield %z : f32
  } out {
  } update {
    %v = ndp.read self state "v" : f32
    ndp.yield %v : f32
  } spike {
  } reset {
  }
  ndp.population @a : @N[2] max 4 decay 0.9
  ndp.grow @a every 2 {
    // expected-error @+1 {{assigns 'u', which is not a state of @N}}
    ndp.divide assigns ["u"] when {
      %t = arith.constant true
      ndp.yield %t : i1
    } child {
      %z = arith.constant 0.0 : f32
      ndp.yield %z : f32
    }
  }
}

// -----

module {
  ndp.neuron @N states [#ndp.var<"v" : f32>] inputs [] channels [] outputs []
  init {
    %z = arith.constant 0.0 : f32
    ndp.yield %z : f32
  } out {
  } update {
    %v = ndp.read self state "v" : f32
    ndp.yield %v : f32
  } spike {
  } reset {
  }
  ndp.population @a : @N[2] max 4 decay 0.9
  ndp.grow @a every 2 {
    // expected-error @+1 {{region 'when' yields ('f32') but ('i1') is expected}}
    ndp.divide assigns [] when {
      %z = arith.constant 0.0 : f32
      ndp.yield %z : f32
    } child {
      ndp.yield
    }
  }
}

// -----

module {
  ndp.neuron @N states [] inputs [] channels [] outputs []
  init {
    ndp.yield
  } out {
  } update {
    ndp.yield
  } spike {
  } reset {
  }
  ndp.synapse @S states [] multiplicity 1 channel "in" init {
  } transmit {
  } update {
  }
  ndp.population @a : @N[2] max 4 decay 0.9
  ndp.population @b : @N[2] max 4 decay 0.9
  ndp.projection @ab @a -> @b : @S all
  ndp.grow @a every 2 {
    // expected-error @+1 {{connects within @a, but @ab is @a -> @b}}
    ndp.connect @ab when {
      %t = arith.constant true
      ndp.yield %t : i1
    }
  }
}

// -----

// expected-error @+1 {{every must be at least 1}}
ndp.grow @a every 0 {
}

// -----

ndp.grow @a every 1 {
  // expected-error @+1 {{region 'when' yields ('f32') but ('i1') is expected}}
  ndp.remove when {
    %t = arith.constant 1.0 : f32
    ndp.yield %t : f32
  }
}

// -----

// expected-error @+1 {{the number of steps must be at least 1}}
ndp.prune @S for 0 when {
  %t = arith.constant true
  ndp.yield %t : i1
}

// -----

// expected-error @+1 {{'linear' names 'g', which is not a state}}
ndp.synapse @S states [#ndp.var<"w" : f32>] multiplicity 1 channel "in" linear "g" init {
  %z = arith.constant 0.0 : f32
  ndp.yield %z : f32
} transmit {
} update {
  %w = ndp.read self state "w" : f32
  ndp.yield %w : f32
}

// -----

module {
  ndp.neuron @N states [#ndp.var<"v" : f32>, #ndp.var<"e" : vector<6xf32>>] inputs [] channels [] outputs []
  init {
    %z = arith.constant 0.0 : f32
    %e = arith.constant dense<0.0> : vector<6xf32>
    ndp.yield %z, %e : f32, vector<6xf32>
  } out {
  } update {
    %v = ndp.read self state "v" : f32
    %e = ndp.read self state "e" : vector<6xf32>
    ndp.yield %v, %e : f32, vector<6xf32>
  } spike {
  } reset {
  }
  ndp.population @a : @N[2] max 2 decay 0.9
  // expected-error @+1 {{embedding 'v' is not an f32 vector state of @N}}
  ndp.attend @a embedding "v" heads 1 edge_dim 4 every 1 topk 0
}

// -----

module {
  ndp.neuron @N states [#ndp.var<"v" : f32>, #ndp.var<"e" : vector<6xf32>>] inputs [] channels [] outputs []
  init {
    %z = arith.constant 0.0 : f32
    %e = arith.constant dense<0.0> : vector<6xf32>
    ndp.yield %z, %e : f32, vector<6xf32>
  } out {
  } update {
    %v = ndp.read self state "v" : f32
    %e = ndp.read self state "e" : vector<6xf32>
    ndp.yield %v, %e : f32, vector<6xf32>
  } spike {
  } reset {
  }
  ndp.population @a : @N[2] max 2 decay 0.9
  // expected-error @+1 {{heads 4 must divide the embedding size 6}}
  ndp.attend @a embedding "e" heads 4 edge_dim 4 every 1 topk 0
}

// -----

// expected-error @+1 {{topk grows synapses of 'over', which is not given}}
ndp.attend @a embedding "e" heads 1 edge_dim 4 every 1 topk 2 when {
  %s = ndp.score : f32
  %t = arith.constant 0.1 : f32
  %c = arith.cmpf ogt, %s, %t : f32
  ndp.yield %c : i1
}

// -----

// expected-error @+1 {{'ndp.score' op expects parent op 'ndp.attend'}}
%s = ndp.score : f32

// -----

module {
  ndp.neuron @N states [#ndp.var<"v" : f32>, #ndp.var<"e" : vector<6xf32>>] inputs [] channels [] outputs [#ndp.var<"y" : f32>]
  init {
    %z = arith.constant 0.0 : f32
    %e = arith.constant dense<0.0> : vector<6xf32>
    ndp.yield %z, %e : f32, vector<6xf32>
  } out {
    %v = ndp.read self state "v" : f32
    ndp.yield %v : f32
  } update {
    %v = ndp.read self state "v" : f32
    %e = ndp.read self state "e" : vector<6xf32>
    ndp.yield %v, %e : f32, vector<6xf32>
  } spike {
  } reset {
  }
  ndp.population @a : @N[2] max 2 decay 0.9
  ndp.population @m : @N[3] max 3 decay 0.9
  // expected-error @+1 {{sparsity 4 is larger than the 3 slots}}
  ndp.memory @m key @a out "y" value @a sparsity 4 when {
    %c = arith.constant true
    ndp.yield %c : i1
  }
}

// -----

module {
  ndp.neuron @N states [#ndp.var<"v" : f32>, #ndp.var<"e" : vector<6xf32>>] inputs [] channels [] outputs [#ndp.var<"y" : f32>]
  init {
    %z = arith.constant 0.0 : f32
    %e = arith.constant dense<0.0> : vector<6xf32>
    ndp.yield %z, %e : f32, vector<6xf32>
  } out {
    %v = ndp.read self state "v" : f32
    ndp.yield %v : f32
  } update {
    %v = ndp.read self state "v" : f32
    %e = ndp.read self state "e" : vector<6xf32>
    ndp.yield %v, %e : f32, vector<6xf32>
  } spike {
  } reset {
  }
  ndp.population @a : @N[2] max 2 decay 0.9
  ndp.population @m : @N[3] max 3 decay 0.9
  // expected-error @+1 {{the key 'e' is not a scalar value of @N}}
  ndp.memory @m key @a state "e" value @a sparsity 1 when {
    %c = arith.constant true
    ndp.yield %c : i1
  }
}

// -----

module {
  ndp.neuron @N states [#ndp.var<"v" : f32>, #ndp.var<"e" : vector<6xf32>>] inputs [] channels [] outputs [#ndp.var<"y" : f32>]
  init {
    %z = arith.constant 0.0 : f32
    %e = arith.constant dense<0.0> : vector<6xf32>
    ndp.yield %z, %e : f32, vector<6xf32>
  } out {
    %v = ndp.read self state "v" : f32
    ndp.yield %v : f32
  } update {
    %v = ndp.read self state "v" : f32
    %e = ndp.read self state "e" : vector<6xf32>
    ndp.yield %v, %e : f32, vector<6xf32>
  } spike {
  } reset {
  }
  ndp.population @a : @N[2] max 2 decay 0.9
  ndp.population @m : @N[3] max 3 decay 0.9
  // expected-error @+1 {{a memory region takes its key from and recalls into other populations}}
  ndp.memory @m key @m out "y" value @a sparsity 1 when {
    %c = arith.constant true
    ndp.yield %c : i1
  }
}

// -----

module {
  ndp.neuron @N states [#ndp.var<"v" : f32>, #ndp.var<"e" : vector<6xf32>>] inputs [] channels [] outputs []
  init {
    %z = arith.constant 0.0 : f32
    %e = arith.constant dense<0.0> : vector<6xf32>
    ndp.yield %z, %e : f32, vector<6xf32>
  } out {
  } update {
    %v = ndp.read self state "v" : f32
    %e = ndp.read self state "e" : vector<6xf32>
    ndp.yield %v, %e : f32, vector<6xf32>
  } spike {
  } reset {
  }
  ndp.population @a : @N[2] max 2 decay 0.9
  ndp.population @m : @N[3] max 3 decay 0.9
  // expected-error @+1 {{@a has no out to bind as the value}}
  ndp.memory @m key @a state "v" value @a sparsity 1 when {
    %c = arith.constant true
    ndp.yield %c : i1
  }
}

// -----

module {
  ndp.neuron @N states [#ndp.var<"v" : f32>, #ndp.var<"e" : vector<6xf32>>] inputs [] channels [] outputs [#ndp.var<"y" : f32>]
  init {
    %z = arith.constant 0.0 : f32
    %e = arith.constant dense<0.0> : vector<6xf32>
    ndp.yield %z, %e : f32, vector<6xf32>
  } out {
    %v = ndp.read self state "v" : f32
    ndp.yield %v : f32
  } update {
    %v = ndp.read self state "v" : f32
    %e = ndp.read self state "e" : vector<6xf32>
    ndp.yield %v, %e : f32, vector<6xf32>
  } spike {
  } reset {
  }
  ndp.population @a : @N[2] max 2 decay 0.9
  ndp.population @m : @N[3] max 3 decay 0.9
  // expected-error @+1 {{slots, key and value must be ndp.population symbols}}
  ndp.memory @m key @b state "v" value @a sparsity 1 when {
    %c = arith.constant true
    ndp.yield %c : i1
  }
}

// -----

module {
  ndp.neuron @N states [#ndp.var<"v" : f32>, #ndp.var<"e" : vector<6xf32>>] inputs [] channels [] outputs [#ndp.var<"y" : f32>]
  init {
    %z = arith.constant 0.0 : f32
    %e = arith.constant dense<0.0> : vector<6xf32>
    ndp.yield %z, %e : f32, vector<6xf32>
  } out {
    %v = ndp.read self state "v" : f32
    ndp.yield %v : f32
  } update {
    %v = ndp.read self state "v" : f32
    %e = ndp.read self state "e" : vector<6xf32>
    ndp.yield %v, %e : f32, vector<6xf32>
  } spike {
  } reset {
  }
  ndp.population @a : @N[2] max 2 decay 0.9
  ndp.population @m : @N[3] max 3 decay 0.9
  // expected-error @+1 {{sparsity must be at least 1}}
  ndp.memory @m key @a out "y" value @a sparsity 0 when {
    %c = arith.constant true
    ndp.yield %c : i1
  }
}

// -----

// expected-error @+1 {{'ndp.novelty' op expects parent op 'ndp.memory'}}
%n = ndp.novelty : f32

// -----

module {
  ndp.neuron @N states [] inputs [] channels [#ndp.var<"m" : vector<4xf32>>] outputs []
  init {
    ndp.yield
  } out {
  } update {
    ndp.yield
  } spike {
  } reset {
  }
  ndp.synapse @S states [] multiplicity 1 channel "m" init {
  } transmit {
    %z = arith.constant 0.0 : f32
    ndp.yield %z : f32
  } update {
  }
  ndp.population @a : @N[2] max 4 decay 0.9
  // expected-error @+1 {{synapse @S transmits 'f32' but channel 'm' of @N is 'vector<4xf32>'}}
  ndp.projection @aa @a -> @a : @S all
}

// -----

// expected-error @+1 {{channel 'm' must be f32 or a vector of f32}}
ndp.neuron @N states [] inputs [] channels [#ndp.var<"m" : i32>] outputs []
init {
  ndp.yield
} out {
} update {
  ndp.yield
} spike {
} reset {
}
