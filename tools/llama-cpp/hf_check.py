# Dev check: load an HF export in Transformers and compare greedy tokens + last-prompt logits with
# the Java reference.  python3 hf_check.py EXPORT_DIR REFERENCE.json  (needs torch + transformers)
import json, sys, torch
from transformers import AutoModelForCausalLM, AutoTokenizer
m = AutoModelForCausalLM.from_pretrained(sys.argv[1], dtype=torch.float32).eval()
tok = AutoTokenizer.from_pretrained(sys.argv[1])
ref = json.load(open(sys.argv[2]))
for p in ref["prompts"]:
    ids = tok(p["text"], add_special_tokens=False)["input_ids"]
    with torch.no_grad():
        out = m.generate(torch.tensor([p["ids"]]), max_new_tokens=64, do_sample=False, min_new_tokens=64,
                         eos_token_id=None, pad_token_id=0, output_logits=True, return_dict_in_generate=True)
    gen = out.sequences[0, len(p["ids"]):].tolist()
    first = out.logits[0][0].double()
    diff = (first - torch.tensor(p["first_logits"], dtype=torch.float64)).abs().max().item()
    agree = sum(a == b for a, b in zip(gen, p["tokens"]))
    print(p["name"], "tok_match", ids == p["ids"], "agree", agree, "/64", "maxdiff %.2e" % diff)
msgs = [{"role": "user", "content": "什么是人工智能？"}]
print(repr(tok.apply_chat_template(msgs, tokenize=False, add_generation_prompt=True)))
